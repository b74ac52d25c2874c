import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateStoreInputSchema,
  IdParamSchema,
  PaginationQuerySchema,
  type Paginated,
  type Store,
  type StoreWithHours,
  UpdateStoreInputSchema,
} from '@vip-club/shared';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../common/auth/public.decorator';
import { Roles } from '../../common/auth/roles.decorator';
import { StoresService } from './stores.service';

class CreateStoreDto extends createZodDto(CreateStoreInputSchema) {}
class PaginationQueryDto extends createZodDto(PaginationQuerySchema) {}
class UpdateStoreDto extends createZodDto(UpdateStoreInputSchema) {}
class IdParamDto extends createZodDto(IdParamSchema) {}

@ApiTags('stores and staff')
@ApiBearerAuth()
@Controller('stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Post()
  @Roles('manager')
  create(@Body() body: CreateStoreDto): Promise<Store> {
    return this.stores.create(body);
  }

  /** Opening hours (club clock): follow-up deadlines count only these. */
  @Patch(':id')
  @Roles('manager')
  update(@Param() params: IdParamDto, @Body() body: UpdateStoreDto): Promise<StoreWithHours> {
    return this.stores.update(params.id, body);
  }

  /** Public: the join form lists the stores before the visitor has a token worth checking. */
  @Get()
  @Public()
  list(@Query() query: PaginationQueryDto): Promise<Paginated<Store>> {
    return this.stores.list(query);
  }
}
