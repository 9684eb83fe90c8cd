import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { Permission } from '@shala/contracts';

export const PUBLIC_ROUTE = 'shala:public';
export const REQUIRED_PERMISSION = 'shala:permission';
export const AUTHENTICATED_ONLY = 'shala:authenticated';

/** AZ-01: the route needs no authentication. Every route carries this, @RequirePermission or @Authenticated. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** AZ-01: the route needs an authenticated caller holding `permission` in their institution. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission));

/** The route needs an authenticated caller and no particular permission (e.g. GET /me, logout). */
export const Authenticated = (): MethodDecorator & ClassDecorator => SetMetadata(AUTHENTICATED_ONLY, true);
