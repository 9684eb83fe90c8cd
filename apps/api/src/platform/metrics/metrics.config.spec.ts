import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/app-config';
import { loadMetricsConfig } from './metrics.config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadMetricsConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('loadMetricsConfig', () => {
  it('[AUD-05] defaults to an internal listener on 127.0.0.1:9464', () => {
    expect(loadMetricsConfig({})).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadMetricsConfig({ METRICS_PORT: '', METRICS_HOST: ' ' })).toEqual({
      port: 9464,
      host: '127.0.0.1',
    });
  });

  it('reads the port and host, and METRICS_PORT=0 switches the listener off', () => {
    expect(loadMetricsConfig({ METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0' })).toEqual({
      port: 9100,
      host: '0.0.0.0',
    });
    expect(loadMetricsConfig({ METRICS_PORT: '0' }).port).toBe(0);
  });

  it('refuses a port out of range or not a number, and a host with spaces, naming each variable', () => {
    expect(problemsOf({ METRICS_PORT: '70000' })).toEqual([expect.stringMatching(/^METRICS_PORT:/)]);
    expect(problemsOf({ METRICS_PORT: 'nine' })).toEqual([expect.stringMatching(/^METRICS_PORT:/)]);
    expect(problemsOf({ METRICS_PORT: '-1', METRICS_HOST: 'a host' })).toHaveLength(2);
  });
});
