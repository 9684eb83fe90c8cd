import type { InstitutionDto } from './institutions';
import type { Permission } from './permissions';

/**
 * Request and response bodies of user administration (/api/v1/users), roles and the permission catalogue
 * (/api/v1/roles, /api/v1/permissions) and the operator's provisioning (/api/v1/platform/institutions).
 */

export const UserStatus = {
  Active: 'active',
  /** Invited; no password set yet. */
  Invited: 'invited',
  Disabled: 'disabled',
} as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];

/** Lowercase letters, digits and underscores, starting with a letter: the key of a role. */
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

/** A user can hold at most this many roles. */
export const MAX_ROLES_PER_USER = 10;

/** Error codes of user and role administration that a client reacts to. */
export const AccessErrorCode = {
  LastAdmin: 'LAST_ADMIN',
  SelfDeactivation: 'SELF_DEACTIVATION',
  RoleKeyTaken: 'ROLE_KEY_TAKEN',
  AdminRoleLockout: 'ADMIN_ROLE_LOCKOUT',
  SystemRole: 'SYSTEM_ROLE',
  RoleInUse: 'ROLE_IN_USE',
  InstitutionSlugTaken: 'INSTITUTION_SLUG_TAKEN',
  /** 403: the roles asked for carry permissions the caller does not hold (AZ-02); details name each role. */
  RoleGrantRefused: 'ROLE_GRANT_REFUSED',
  /** 403: a role would get (or already has) permissions the caller does not hold (AZ-02). */
  PermissionGrantRefused: 'PERMISSION_GRANT_REFUSED',
  /** 403: the user holds permissions the caller does not, so the caller may not change them (AZ-02). */
  UserOutranksActor: 'USER_OUTRANKS_ACTOR',
  /** 403: resetting the MFA of a user who holds users.write or roles.write needs roles.write (AUT-06). */
  MfaResetNeedsRolesWrite: 'MFA_RESET_NEEDS_ROLES_WRITE',
  /** 403: the action needs the caller's current password (and TOTP code when MFA is on) in the body. */
  ReauthenticationRequired: 'REAUTHENTICATION_REQUIRED',
} as const;
export type AccessErrorCode = (typeof AccessErrorCode)[keyof typeof AccessErrorCode];

/** A user of the institution, as GET users lists them. */
export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  mfaEnabled: boolean;
  /** Role keys. */
  roles: string[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserListQuery {
  limit?: number;
  cursor?: string;
  status?: UserStatus;
}

export interface UserListResponse {
  items: UserDto[];
  nextCursor: string | null;
}

/**
 * POST users/invitations: creates the user (status invited) and sends a 72-hour link. `channel` defaults to
 * email; SMS and WhatsApp go to `phone`, or to the guardian's phone when `guardianId` is given.
 * `guardianId` / `studentId` link the new account to that guardian (a parent account) or student (a
 * student account) in the same step; they need students.write.
 */
export interface InviteUserRequest {
  email: string;
  displayName: string;
  roles: string[];
  channel?: InvitationChannel;
  phone?: string;
  guardianId?: string;
  studentId?: string;
}

/** PUT users/:id/roles */
export interface SetUserRolesRequest {
  roles: string[];
}

/**
 * POST users/:id/mfa/reset. The caller's own current password, and their TOTP code when their MFA is on:
 * required when the user being reset holds users.write or roles.write (AUT-06), checked whenever sent.
 * A wrong password answers 401 REAUTHENTICATION_FAILED, a wrong code 401 INVALID_MFA_CODE.
 */
export interface ResetUserMfaRequest {
  currentPassword?: string;
  code?: string;
}

/** GET permissions: the catalogue grouped by area (the part of the key before the first dot). */
export interface PermissionArea {
  area: string;
  permissions: Permission[];
}

export interface PermissionCatalogueResponse {
  items: PermissionArea[];
  nextCursor?: null;
}

export interface RoleDto {
  id: string;
  key: string;
  name: string;
  /** A default role: its permissions can be edited, but it cannot be deleted. */
  isSystem: boolean;
  permissions: Permission[];
  /** How many users hold it. */
  holders: number;
}

export interface RoleListResponse {
  items: RoleDto[];
  nextCursor?: null;
}

export interface CreateRoleRequest {
  key: string;
  name: string;
  permissions: Permission[];
}

/** PUT roles/:id/permissions replaces the role's whole permission set. */
export interface SetRolePermissionsRequest {
  permissions: Permission[];
}

export interface RenameRoleRequest {
  name: string;
}

/** A school as the platform operator sees it: no school data, only the tenant record. */
export interface PlatformInstitutionDto extends InstitutionDto {
  createdAt: string;
}

export interface PlatformInstitutionListResponse {
  items: PlatformInstitutionDto[];
  nextCursor?: null;
}

export interface ProvisionInstitutionRequest {
  slug: string;
  name: string;
  timeZone?: string;
  /** ISO 4217, e.g. INR. */
  currency?: string;
  /** The first school admin; invited by email. */
  admin: { email: string; displayName: string };
}

export interface ProvisionInstitutionResponse {
  institution: InstitutionDto;
  /**
   * The first admin and their invitation email: `oneTimeLink` only when it could not be delivered (shown
   * once to the operator, to hand over another way).
   */
  admin: {
    id: string;
    email: string;
    status: UserStatus;
    delivery?: InvitationDelivery;
    deliveryProblem?: string | null;
    oneTimeLink?: string | null;
  };
}

/**
 * A school's invited first admin as the operator sees it (issue 14): the invitation's state, and after a
 * resend the outcome: `oneTimeLink` only when the link could not be delivered (shown once, to hand over).
 */
export interface PlatformAdminInvitation {
  userId: string;
  email: string;
  displayName: string;
  /** pending: the link works; expired: its 72 hours passed; revoked: the operator withdrew it. */
  status: InvitationStatus;
  sentAt: string;
  expiresAt: string;
  delivery?: InvitationDelivery;
  deliveryProblem?: string | null;
  oneTimeLink?: string | null;
}

export interface PlatformAdminInvitationList {
  items: PlatformAdminInvitation[];
}

export interface SetInstitutionStatusRequest {
  status: 'active' | 'suspended';
}

/** How an invitation link reaches the person: only channels the school set up can deliver. */
export type InvitationChannel = 'email' | 'sms' | 'whatsapp';
/** pending: the link works; expired: 72 hours passed; revoked: an admin withdrew it. */
export type InvitationStatus = 'pending' | 'expired' | 'revoked';
/**
 * The invitation message: queued (waiting or retrying), sent (handed to the provider or delivered), failed
 * (the provider refused it or retries ran out), not_deliverable (the channel is not set up or there is no
 * address: the admin was shown the link once instead).
 */
export type InvitationDelivery = 'queued' | 'sent' | 'failed' | 'not_deliverable';

export interface InvitationView {
  userId: string;
  email: string;
  displayName: string;
  roles: string[];
  status: InvitationStatus;
  channel: InvitationChannel;
  /** Where it went: the email, or a masked phone number; null when there was no address. */
  recipient: string | null;
  delivery: InvitationDelivery;
  /** Why it could not be delivered, in the provider's or Shala's words (no personal data). */
  deliveryProblem: string | null;
  invitedAt: string;
  expiresAt: string;
}

export interface InvitationListResponse {
  items: InvitationView[];
  nextCursor: string | null;
}

/**
 * The answer to an invitation (create or resend): the account, its invitation, and the one-time link,
 * only when the message could not be delivered (shown once to the admin, never stored in clear).
 */
export interface InvitedUser extends UserDto {
  invitation: InvitationView;
  oneTimeLink: string | null;
}

export interface InvitationChannelOption {
  channel: InvitationChannel;
  /** Set up and able to send now. */
  ready: boolean;
  /** Why not, when not ready. */
  problem: string | null;
}

export interface InvitationChannelsView {
  channels: InvitationChannelOption[];
}

/** POST users/:id/invitation: a new link (the old one stops working), on this channel (default: the last). */
export interface ResendInvitationRequest {
  channel?: InvitationChannel;
  phone?: string;
}
