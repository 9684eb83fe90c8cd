import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Schema, connectWithRetry } from './data-source';
import { Database } from './database';
import { installSqlGuard } from './sql-guard';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(schema: Schema): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => connectWithRetry(config, schema, DatabaseModule.logger),
        },
        {
          provide: Database,
          inject: [DataSource, ClsService, APP_CONFIG],
          useFactory: (dataSource: DataSource, cls: ClsService, config: AppConfig) => {
            const db = new Database(dataSource, cls);
            if (config.sqlGuard) db.checkStatements(installSqlGuard(dataSource, () => db.guardBypassed()));
            return db;
          },
        },
      ],
      exports: [DataSource, Database],
    };
  }

  /** Closes the pool on SIGTERM after the HTTP server has stopped taking requests. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
