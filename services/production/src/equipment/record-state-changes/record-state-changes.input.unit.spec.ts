import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { findSchemasDir, WORK_UNIT_STATES } from '@quadrant/contracts';
import { InvalidInputError } from '@quadrant/event-sourcing';
import { ChangeWorkUnitStateDto } from '../change-work-unit-state/change-work-unit-state.dto';
import { EQUIPMENT_ID_PATTERN } from '../define-equipment/define-equipment.dto';
import { RecordStateChangesInput } from './record-state-changes.input';

const input = new RecordStateChangesInput();
const change = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  messageId: 'm-1',
  workUnitId: 'lathe-1',
  state: 'Down',
  reasonCode: 'JAM',
  since: '2026-11-02T06:00:00Z',
  ...overrides,
});

function problemsOf(body: unknown): { field: string; message: string }[] {
  try {
    input.transform(body);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return [...error.problems];
  }
}

describe('the body of POST /work-units/state-changes', () => {
  it('takes a batch as it is: optional fields present or absent, offsets or Z', () => {
    const body = {
      changes: [change(), { messageId: 'm-2', workUnitId: 'lathe-1', state: 'Running', since: '2026-11-02T08:00:00.250+02:00', reasonText: '' }],
    };
    expect(input.transform(body)).toBe(body);
  });

  it('names each field at fault, by its place in the batch', () => {
    const problems = problemsOf({
      changes: [
        change(),
        change({ since: 'soon' }),
        change({ state: 'Broken' }),
        change({ workUnitId: 'no spaces' }),
        change({ messageId: '' }),
        change({ reasonCode: 'x'.repeat(65) }),
        change({ colour: 'red' }),
        { workUnitId: 'lathe-1', state: 'Idle', since: '2026-11-02T06:00:00Z' },
      ],
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'changes.1.since',
      'changes.2.state',
      'changes.3.workUnitId',
      'changes.4.messageId',
      'changes.5.reasonCode',
      'changes.6.colour',
      'changes.7.messageId',
    ]);
    expect(problems[0]?.message).toContain('RFC 3339');
    expect(problems[1]?.message).toBe(`must be one of ${WORK_UNIT_STATES.join(', ')}`);
  });

  it('wants the zone of a timestamp: a machine clock without one is ambiguous', () => {
    expect(problemsOf({ changes: [change({ since: '2026-11-02T06:00:00' })] }).map((problem) => problem.field)).toEqual(['changes.0.since']);
  });

  it('refuses an empty batch, a batch of more than 1,000, and a body that is not a batch', () => {
    expect(problemsOf({ changes: [] }).map((problem) => problem.field)).toEqual(['changes']);
    expect(problemsOf({ changes: Array.from({ length: 1001 }, (_, i) => change({ messageId: `m-${i}` })) }).map((problem) => problem.field)).toEqual(['changes']);
    expect(problemsOf([change()]).map((problem) => problem.field)).toEqual(['(body)']);
    expect(problemsOf({ changes: [change()], extra: 1 }).map((problem) => problem.field)).toEqual(['extra']);
  });

  it('publishes the same states and equipment ids as the code', () => {
    const schema = JSON.parse(readFileSync(join(findSchemasDir(), 'commands', 'production', 'RecordStateChanges.json'), 'utf8')) as {
      $defs: { stateChange: { properties: { state: { enum: string[] }; workUnitId: { pattern: string } } } };
    };
    expect(schema.$defs.stateChange.properties.state.enum).toEqual([...WORK_UNIT_STATES]);
    expect(schema.$defs.stateChange.properties.workUnitId.pattern).toBe(EQUIPMENT_ID_PATTERN.source);
  });

  it('accepts no state change that the single-change endpoint (class-validator) would refuse', () => {
    const values = {
      state: [...WORK_UNIT_STATES, 'Broken', '', 3],
      since: ['2026-11-02T06:00:00Z', '2026-11-02T06:00:00.5-05:00', '2026-11-02T06:00:00', '2026-11-02', '2026-02-30T06:00:00Z', 'soon', '', 1730527200000],
      reasonCode: [undefined, 'JAM', '', 'x'.repeat(64), 'x'.repeat(65), 7],
      reasonText: [undefined, '', 'why', 'x'.repeat(500), 'x'.repeat(501), null],
    };
    let accepted = 0;
    for (const state of values.state) {
      for (const since of values.since) {
        for (const reasonCode of values.reasonCode) {
          for (const reasonText of values.reasonText) {
            const fields = Object.fromEntries(Object.entries({ state, since, reasonCode, reasonText }).filter(([, value]) => value !== undefined));
            if (problemsOf({ changes: [{ messageId: 'm', workUnitId: 'lathe-1', ...fields }] }).length > 0) continue;
            accepted++;
            expect({ fields, problems: validateSync(plainToInstance(ChangeWorkUnitStateDto, fields)) }).toEqual({ fields, problems: [] });
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
