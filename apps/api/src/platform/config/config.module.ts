import { DynamicModule, Global, Module } from '@nestjs/common';
import { useRedisTimeouts } from '../redis/redis-client';
import { APP_CONFIG, AppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Redis clients built from a URL alone (the rate-limit store) take the configured timeouts too.
    useRedisTimeouts(config.redisTimeouts);
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
