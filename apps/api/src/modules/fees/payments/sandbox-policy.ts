import { ConfigError, type AppConfig } from '../../../platform/config/app-config';
import { SandboxGateway } from './sandbox.gateway';

/** Nest injection token of the sandbox gateway: a SandboxGateway, or null where the sandbox does not exist. */
export const PAYMENT_SANDBOX = Symbol('PAYMENT_SANDBOX');

type SandboxConfig = Pick<AppConfig, 'env' | 'demoMode' | 'isProductionLike'>;

/**
 * The payment sandbox marks orders paid without money moving, so it exists only in development and test
 * with demo mode on. Staging and production never have it, whatever else is configured.
 */
export function sandboxPaymentsEnabled(config: SandboxConfig): boolean {
  return (config.env === 'development' || config.env === 'test') && config.demoMode;
}

/**
 * The provider behind PAYMENT_SANDBOX, built once at boot. A production-like configuration with demo mode
 * on is refused here too (loadConfig already refuses it; this holds for a config built any other way), so
 * no staging or production process can boot with a sandbox.
 */
export function paymentSandboxFor(config: SandboxConfig): SandboxGateway | null {
  if (config.isProductionLike && config.demoMode)
    throw new ConfigError([`DEMO_MODE: the payment sandbox is refused in ${config.env}`]);
  return sandboxPaymentsEnabled(config) ? new SandboxGateway() : null;
}
