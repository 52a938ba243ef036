/** The decider's shape (see @quadrant/event-sourcing), restated so this test library depends on nothing. */
interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * given (past events) / when (command) / then (events, or a refusal): the shape of every decider test.
 *
 *   spec.given([defined]).when(changeState).then([stateChanged]);
 *   spec.given([]).when(changeState).thenThrows(WorkUnitNotDefined);
 */
export function DeciderSpecification<Command, State, Event>(decider: Decider<Command, State, Event>) {
  return {
    given(events: Event[]) {
      return {
        when(command: Command) {
          const run = (): Event[] => decider.decide(command, events.reduce((state, event) => decider.evolve(state, event), decider.initialState()));
          return {
            then(expected: Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens(): void {
              expect(run()).toEqual([]);
            },
            thenThrows<E extends Error>(errorType: new (...args: never[]) => E, check?: (error: E) => void): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorType);
              check?.(thrown as E);
            },
          };
        },
      };
    },
  };
}
