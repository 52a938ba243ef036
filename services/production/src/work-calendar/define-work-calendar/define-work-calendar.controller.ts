import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { PublishedWorkCalendar } from '@quadrant/contracts';
import { DomainError, NotFoundError } from '@quadrant/event-sourcing';
import { Context, type RequestContext } from '@quadrant/platform';
import { calendarTimes, expandCalendar } from '@quadrant/work-calendar';
import { IsISO8601, IsObject, IsString, Length, Matches } from 'class-validator';
import { commandContextOf } from '../../command-context';
import { toCommandResponse, type CommandResponse } from '../../equipment/command-response';
import { EQUIPMENT_ID_PATTERN } from '../../equipment/define-equipment/define-equipment.dto';
import { equipmentStreamId } from '../../equipment/equipment.decider';
import { ProductionStore } from '../../outbox/production-store';
import { effectiveCalendar, workCalendarStreamId } from '../work-calendar.decider';

export class DefineWorkCalendarDto {
  /** The shift pattern: `{timeZone, shifts: [{name, days, start, end, breaks?}], nonWorkingDays?}`; checked field by field. */
  @IsObject({ message: 'calendar must be an object: {timeZone, shifts, nonWorkingDays?}' })
  calendar!: PublishedWorkCalendar;
}

export class BookPlannedDowntimeDto {
  @Matches(EQUIPMENT_ID_PATTERN, { message: 'windowId must be 1-64 letters, digits, ".", "_" or "-"' })
  windowId!: string;

  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'start must be an ISO 8601 timestamp with a zone' })
  start!: string;

  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'end must be an ISO 8601 timestamp with a zone' })
  end!: string;

  @IsString()
  @Length(1, 200)
  reason!: string;
}

class CalendarOwnerNotSupported extends DomainError {
  constructor(equipmentId: string, level: string) {
    super('CALENDAR_OWNER_NOT_SUPPORTED', `"${equipmentId}" is a ${level}: work calendars belong to a site or a work unit`, { equipmentId, level });
  }
}

/** Shift patterns and planned downtime of a site or work unit (ISA-95 Part 4 work calendar). */
@Controller('work-calendars')
export class DefineWorkCalendarController {
  constructor(private readonly production: ProductionStore) {}

  private async requireOwner(equipmentId: string): Promise<void> {
    const { state } = await this.production.equipment.load(equipmentStreamId(equipmentId));
    if (state.status === 'Undefined') throw new NotFoundError('equipment', equipmentId);
    if (state.level !== 'Site' && state.level !== 'WorkUnit') throw new CalendarOwnerNotSupported(equipmentId, state.level);
  }

  @Post(':equipmentId')
  @HttpCode(200)
  async define(@Param('equipmentId') equipmentId: string, @Body() input: DefineWorkCalendarDto, @Context() context: RequestContext): Promise<CommandResponse> {
    await this.requireOwner(equipmentId);
    const at = new Date().toISOString();
    return toCommandResponse(
      await this.production.workCalendars.handle(workCalendarStreamId(equipmentId), { type: 'DefineWorkCalendar', equipmentId, calendar: input.calendar, at }, commandContextOf(context, at)),
    );
  }

  @Post(':equipmentId/planned-downtime')
  @HttpCode(200)
  async book(@Param('equipmentId') equipmentId: string, @Body() input: BookPlannedDowntimeDto, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    const { windowId, reason } = input;
    const [start, end] = [new Date(input.start).toISOString(), new Date(input.end).toISOString()];
    return toCommandResponse(
      await this.production.workCalendars.handle(workCalendarStreamId(equipmentId), { type: 'BookPlannedDowntime', equipmentId, windowId, start, end, reason, at }, commandContextOf(context, at)),
    );
  }

  @Post(':equipmentId/planned-downtime/:windowId/cancel')
  @HttpCode(200)
  async cancel(@Param('equipmentId') equipmentId: string, @Param('windowId') windowId: string, @Context() context: RequestContext): Promise<CommandResponse> {
    const at = new Date().toISOString();
    return toCommandResponse(
      await this.production.workCalendars.handle(workCalendarStreamId(equipmentId), { type: 'CancelPlannedDowntime', equipmentId, windowId, at }, commandContextOf(context, at)),
    );
  }

  /** The calendar's shifts and planned downtime in [from, to), with ISO 22400 POT, PDOT and PBT in seconds. */
  @Get(':equipmentId')
  async get(@Param('equipmentId') equipmentId: string, @Query('from') from?: string, @Query('to') to?: string): Promise<object> {
    const { state, version } = await this.production.workCalendars.load(workCalendarStreamId(equipmentId));
    const calendar = effectiveCalendar(state);
    if (!calendar) throw new NotFoundError('work calendar of', equipmentId);
    if (!from || !to) return { ...state, version };
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new BadRequestException('from and to must be ISO 8601 timestamps with a zone');
    return { ...state, version, range: { from, to, ...expandCalendar(calendar, from, to), times: calendarTimes(calendar, from, to) } };
  }
}
