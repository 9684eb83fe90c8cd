import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { LoginResponse } from '@shala/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiNoBody, ApiView } from '../../platform/http/api-view';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { DomainError, NotFoundError } from '../../platform/errors/domain-error';
import { Authenticated, Public } from '../../platform/security/route-policy.decorators';
import { AuthThrottle, RetryAfterHeader } from '../../platform/security/throttling';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { AuthErrorCode } from './auth.errors';
import { CurrentSessionService } from './current-session.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  LocaleDto,
  LoginDto,
  MfaCodeDto,
  MfaDisableDto,
  MfaTokenCodeDto,
  MfaTokenDto,
  MfaVerifyDto,
  PasswordDto,
  ResetPasswordDto,
  ResetRequestDto,
} from './dto/auth.dto';
import { LoginService, SignedIn } from './login.service';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

export const REFRESH_COOKIE = 'shala_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
};
type CookieRequest = FastifyRequest & { cookies: Record<string, string | undefined> };

@ApiTags('auth')
@Controller('auth')
@UseInterceptors(RetryAfterHeader)
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loginService: LoginService,
    private readonly passwords: PasswordService,
    private readonly mfa: MfaService,
    private readonly currentSession: CurrentSessionService,
    private readonly sessions: SessionsService,
    private readonly context: RequestContext,
    private readonly audit: AuditService,
  ) {}

  /** AUT-09: the refresh token lives only in an HttpOnly, Secure, SameSite=Strict cookie on the auth path. */
  private setRefreshCookie(reply: FastifyReply, value: string, expires: Date): void {
    (reply as CookieReply).setCookie(REFRESH_COOKIE, value, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      expires,
    });
  }

  private clearRefreshCookie(reply: FastifyReply): void {
    (reply as CookieReply).clearCookie(REFRESH_COOKIE, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
    });
  }

  /** AUT-09: a cookie-authenticated request from a browser must come from our own origin (CSRF). */
  private checkOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (!origin) return; // not a browser cross-site request: browsers always send Origin on cross-origin POSTs
    const allowed = new Set([
      new URL(this.config.publicUrl).origin,
      ...this.config.corsOrigins,
      `${request.protocol}://${request.headers.host}`,
    ]);
    if (!allowed.has(origin))
      throw new DomainError(
        403,
        AuthErrorCode.OriginRefused,
        'This request did not come from the Shala app.',
      );
  }

  private signedIn(reply: FastifyReply, result: SignedIn) {
    this.setRefreshCookie(reply, result.refreshCookie, result.refreshExpiresAt);
    return { accessToken: result.accessToken, expiresIn: result.expiresIn, user: result.user };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiTooManyRequestsResponse({
    description:
      'THROTTLED with Retry-After (too many failures for this account), or CHALLENGE_REQUIRED: many ' +
      'failures from this address, so solve the proof-of-work challenge in details[0].challenge and ' +
      'repeat the request with proofOfWork (AUT-07)',
  })
  @ApiView('LoginResponse', {
    description:
      '{ accessToken, expiresIn, user } + refresh cookie; or { mfaRequired, mfaToken }; or { mfaEnrollmentRequired, mfaToken }',
  })
  async login(
    @Body() body: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const outcome = await this.loginService.login(body);
    if (outcome.kind === 'mfa') return { mfaRequired: true, mfaToken: outcome.mfaToken };
    if (outcome.kind === 'enroll') return { mfaEnrollmentRequired: true, mfaToken: outcome.mfaToken };
    return this.signedIn(reply, outcome);
  }

  @Public()
  @Post('mfa/verify')
  @ApiTooManyRequestsResponse({
    description: 'THROTTLED with Retry-After: 10 wrong codes on this mfaToken, or 20 for the user in an hour',
  })
  @HttpCode(200)
  @ApiView('SignedInResponse')
  async verifyMfa(@Body() body: MfaVerifyDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.signedIn(reply, await this.loginService.verifyMfa(body));
  }

  @Public()
  @Post('mfa/enrollment')
  @HttpCode(200)
  @ApiView('MfaSecretResponse', {
    description: 'Forced enrolment: { secret, otpauthUri } for the authenticator app',
  })
  startEnrolment(@Body() body: MfaTokenDto) {
    return this.loginService.startForcedEnrolment(body.mfaToken);
  }

  @Public()
  @Post('mfa/enrollment/confirm')
  @HttpCode(200)
  @ApiView('MfaEnrollmentConfirmResponse', {
    description: 'Tokens as for login, plus the 10 recovery codes (shown once)',
  })
  async confirmEnrolment(@Body() body: MfaTokenCodeDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.loginService.confirmForcedEnrolment(body.mfaToken, body.code);
    return { ...this.signedIn(reply, result), recoveryCodes: result.recoveryCodes };
  }

  @Public()
  @AuthThrottle('refresh')
  @Post('refresh')
  @HttpCode(200)
  @ApiView('AccessTokenResponse', { description: 'Rotates the refresh cookie: { accessToken, expiresIn }' })
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.checkOrigin(request);
    try {
      const result = await this.currentSession.refresh((request as CookieRequest).cookies?.[REFRESH_COOKIE]);
      this.setRefreshCookie(reply, result.refreshCookie, result.refreshExpiresAt);
      return { accessToken: result.accessToken, expiresIn: result.expiresIn };
    } catch (error) {
      this.clearRefreshCookie(reply);
      throw error;
    }
  }

  @Public()
  @AuthThrottle('refresh')
  @Post('logout')
  @HttpCode(204)
  @ApiNoBody()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    this.checkOrigin(request);
    const sessionId = await this.currentSession.sessionOfBearer(request.headers.authorization);
    await this.currentSession.logout(sessionId, (request as CookieRequest).cookies?.[REFRESH_COOKIE]);
    this.clearRefreshCookie(reply);
  }

  @Public()
  @AuthThrottle('reset')
  @Post('password/reset-request')
  @HttpCode(202)
  @ApiView('AcceptedResponse', {
    status: 202,
    description: 'Always 202: a link is mailed when the account exists',
  })
  async requestReset(@Body() body: ResetRequestDto): Promise<{ status: 'accepted' }> {
    await this.passwords.requestPasswordReset(body);
    return { status: 'accepted' };
  }

  @Public()
  @AuthThrottle('reset')
  @Post('password/reset')
  @HttpCode(204)
  @ApiNoBody()
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwords.resetPassword(body.token, body.newPassword);
  }

  @Public()
  @AuthThrottle('reset')
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiView('AcceptInvitationResponse')
  acceptInvitation(@Body() body: AcceptInvitationDto) {
    return this.passwords.acceptInvitation(body.token, body.password);
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('password/change')
  @HttpCode(200)
  @ApiView('ChangePasswordResponse')
  changePassword(@Body() body: ChangePasswordDto) {
    return this.passwords.changePassword(this.context.sessionId, body.currentPassword, body.newPassword);
  }

  @Authenticated()
  @ApiBearerAuth()
  @Get('sessions')
  @ApiView('SessionDto', { page: true })
  async listSessions() {
    const current = this.context.sessionId;
    const sessions = await this.sessions.listActiveOf(this.context.userId!);
    return {
      items: sessions.map((s) => ({
        id: s.id,
        current: s.id === current,
        createdAt: s.createdAt.toISOString(),
        lastUsedAt: s.lastUsedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      nextCursor: null,
    };
  }

  @Authenticated()
  @ApiBearerAuth()
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoBody()
  async revokeSession(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    const session = await this.sessions.findById(id);
    if (!session || session.userId !== this.context.userId || session.revokedAt)
      throw new NotFoundError('The session');
    await this.sessions.revoke(session, 'user_revoked');
    await this.audit.record({ action: 'auth.session_revoked', targetType: 'session', targetId: id });
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('sessions/revoke-all')
  @HttpCode(200)
  @ApiView('RevokeAllSessionsResponse', {
    description: 'Signs out everywhere, this device included: { ended }',
  })
  async revokeAll(@Res({ passthrough: true }) reply: FastifyReply) {
    const ended = await this.sessions.revokeAllOf(this.context.userId!, 'sign_out_everywhere');
    await this.audit.record({
      action: 'auth.sign_out_everywhere',
      targetType: 'user',
      targetId: this.context.userId!,
      details: { ended },
    });
    this.clearRefreshCookie(reply);
    return { ended };
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('mfa/setup')
  @HttpCode(200)
  @ApiView('MfaSecretResponse')
  startMfaSetup() {
    return this.mfa.startSetup();
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('mfa/setup/confirm')
  @HttpCode(200)
  @ApiView('RecoveryCodesResponse')
  confirmMfaSetup(@Body() body: MfaCodeDto) {
    return this.mfa.confirmSetup(body.code);
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('mfa/disable')
  @HttpCode(204)
  @ApiNoBody()
  async disableMfa(@Body() body: MfaDisableDto): Promise<void> {
    await this.mfa.disable(body.password, body.code);
  }

  @Authenticated()
  @ApiBearerAuth()
  @Post('mfa/recovery-codes')
  @HttpCode(200)
  @ApiView('RecoveryCodesResponse')
  regenerateRecoveryCodes(@Body() body: PasswordDto) {
    return this.mfa.regenerateRecoveryCodes(body.password);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly currentSession: CurrentSessionService,
    private readonly context: RequestContext,
  ) {}

  @Authenticated()
  @Get()
  @ApiView('MeResponse', { description: '{ user, institution, roles, permissions }' })
  me() {
    return this.currentSession.me(this.context.sessionId);
  }

  /** The language the user reads the web app in, remembered for their next sign-in on any device. */
  @Authenticated()
  @Put('locale')
  @HttpCode(204)
  @ApiNoBody()
  async setLocale(@Body() body: LocaleDto): Promise<void> {
    await this.currentSession.setLocale(body.locale);
  }
}
