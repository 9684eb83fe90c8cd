import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';

export const RAZORPAY_API_URL = 'https://api.razorpay.com';

/**
 * How the Razorpay adapter reaches Razorpay: its API at api.razorpay.com with the global fetch. The test
 * profile may point it at a local stand-in (no real provider is ever called from tests).
 */
@Injectable()
export class RazorpayTransport {
  private override: { baseUrl: string; fetch: typeof fetch } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get baseUrl(): string {
    return this.override?.baseUrl ?? RAZORPAY_API_URL;
  }

  get fetch(): typeof fetch {
    return this.override?.fetch ?? fetch;
  }

  /** Test profile only: a stand-in for Razorpay's API (null restores the real one). */
  setForTests(override: { baseUrl: string; fetch: typeof fetch } | null): void {
    if (this.config.env !== 'test')
      throw new Error('RazorpayTransport.setForTests is only available in the test profile');
    this.override = override;
  }
}
