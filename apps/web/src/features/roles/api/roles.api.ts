import type {
  CreateRoleRequest,
  Permission,
  PermissionCatalogueResponse,
  RoleDto,
  RoleListResponse,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';

export const rolesKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'roles'),
  list: (institutionId: string) => tenantKey(institutionId, 'roles', 'list'),
  catalogue: (institutionId: string) => tenantKey(institutionId, 'permissions'),
};

const path = (id: string, action = '') => `/v1/roles/${encodeURIComponent(id)}${action}`;

/** GET /api/v1/roles: every role of the institution with its permissions and holder count. */
export async function fetchRoles(signal?: AbortSignal): Promise<RoleListResponse> {
  const { data } = await apiClient.get<RoleListResponse>('/v1/roles', { signal });
  return data;
}

/** GET /api/v1/permissions: the catalogue, grouped by area. */
export async function fetchPermissionCatalogue(signal?: AbortSignal): Promise<PermissionCatalogueResponse> {
  const { data } = await apiClient.get<PermissionCatalogueResponse>('/v1/permissions', { signal });
  return data;
}

/** POST /api/v1/roles (409 ROLE_KEY_TAKEN). */
export async function createRole(request: CreateRoleRequest): Promise<RoleDto> {
  const { data } = await apiClient.post<RoleDto>('/v1/roles', request);
  return data;
}

/** PUT /api/v1/roles/:id/permissions: replaces the role's whole set (422 ADMIN_ROLE_LOCKOUT). */
export async function setRolePermissions({
  id,
  permissions,
}: {
  id: string;
  permissions: Permission[];
}): Promise<RoleDto> {
  const { data } = await apiClient.put<RoleDto>(path(id, '/permissions'), { permissions });
  return data;
}

/** PATCH /api/v1/roles/:id */
export async function renameRole({ id, name }: { id: string; name: string }): Promise<RoleDto> {
  const { data } = await apiClient.patch<RoleDto>(path(id), { name });
  return data;
}

/** DELETE /api/v1/roles/:id (422 SYSTEM_ROLE, 409 ROLE_IN_USE). */
export async function deleteRole(id: string): Promise<void> {
  await apiClient.delete(path(id));
}
