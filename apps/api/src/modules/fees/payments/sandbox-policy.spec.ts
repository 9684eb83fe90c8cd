import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../platform/config/app-config';
import { paymentSandboxFor, sandboxPaymentsEnabled } from './sandbox-policy';
import { SandboxGateway } from './sandbox.gateway';

const profile = (env: 'development' | 'test' | 'staging' | 'production', demoMode: boolean) => ({
  env,
  demoMode,
  isProductionLike: env === 'staging' || env === 'production',
});

describe('payment sandbox policy', () => {
  it('exists only in development and test with demo mode on', () => {
    expect(sandboxPaymentsEnabled(profile('development', true))).toBe(true);
    expect(sandboxPaymentsEnabled(profile('test', true))).toBe(true);
    expect(sandboxPaymentsEnabled(profile('development', false))).toBe(false);
    expect(sandboxPaymentsEnabled(profile('test', false))).toBe(false);
    expect(sandboxPaymentsEnabled(profile('staging', false))).toBe(false);
    expect(sandboxPaymentsEnabled(profile('production', false))).toBe(false);
    expect(paymentSandboxFor(profile('test', true))).toBeInstanceOf(SandboxGateway);
    expect(paymentSandboxFor(profile('production', false))).toBeNull();
  });

  it('refuses to boot a staging or production profile that would turn it on', () => {
    expect(() => paymentSandboxFor(profile('production', true))).toThrow(ConfigError);
    expect(() => paymentSandboxFor(profile('staging', true))).toThrow(/payment sandbox is refused/);
  });
});
