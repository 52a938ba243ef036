import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Context, type RequestContext } from '@quadrant/platform';
import type { CommandResponse } from '../command-response';
import { DefineEquipmentDto } from './define-equipment.dto';
import { DefineEquipmentCommand } from './define-equipment.handler';

@Controller('equipment')
export class DefineEquipmentController {
  constructor(private readonly commands: CommandBus) {}

  /** Defines an enterprise, site, area, work center or work unit of the ISA-95 hierarchy. */
  @Post()
  @HttpCode(201)
  define(@Body() input: DefineEquipmentDto, @Context() context: RequestContext): Promise<CommandResponse> {
    return this.commands.execute(new DefineEquipmentCommand(input, context, new Date().toISOString()));
  }
}
