import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import {
  CollectionsPageQuery,
  DefaultersPageQuery,
  LedgerPageQuery,
  PaymentListQuery,
} from './dto/fees-lists.dto';
import { FeesListsService } from './fees-lists.service';

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesListsController {
  constructor(private readonly lists: FeesListsService) {}

  @Get('payments')
  @RequirePermission(Permission.FeesRead)
  @ApiView('PaymentListItem', {
    page: true,
    description:
      "{ items, nextCursor }: payments newest first, each with the student's fullName and admissionNo; without studentId, staff only",
  })
  payments(@Query() query: PaymentListQuery) {
    return this.lists.payments(query);
  }

  @Get('defaulters')
  @RequirePermission(Permission.FeesRead)
  @ApiView('DefaultersPage', {
    description:
      '{ asOf, currency, totalOutstanding, count, items, nextCursor }: the defaulters report one page at a time (totals cover every page); staff only',
  })
  defaulters(@Query() query: DefaultersPageQuery) {
    return this.lists.defaulters(query);
  }

  @Get('collections')
  @RequirePermission(Permission.FeesRead)
  @ApiView('CollectionsPage', {
    description:
      '{ from, to, groupBy, currency, totalCollected, items, nextCursor }: collections one page at a time (by day oldest first, by class or head largest first; the total covers every page); staff only',
  })
  collections(@Query() query: CollectionsPageQuery) {
    return this.lists.collections(query);
  }

  @Get('ledger')
  @RequirePermission(Permission.FeesRead)
  @ApiView('LedgerPage', {
    description:
      "{ currency, balance, items, nextCursor }: a student's ledger entries oldest first, each with its running balance",
  })
  ledger(@Query() query: LedgerPageQuery) {
    return this.lists.ledger(query);
  }
}
