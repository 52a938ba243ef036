/**
 * The whole domain contract: pure functions, no I/O, no clock. Time, ids and the acting user arrive
 * inside the command.
 */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<State, Event>(decider: Pick<Decider<unknown, State, Event>, 'evolve'>, state: State, events: readonly Event[]): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
