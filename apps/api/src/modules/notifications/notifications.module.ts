import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** Global so every domain module can enqueue messages in its own transaction. */
@Global()
@Module({ providers: [OutboxRepository, OutboxService], exports: [OutboxService] })
export class NotificationsModule {}
