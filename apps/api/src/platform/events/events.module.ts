import { Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';

/**
 * Imported by every module that publishes or handles domain events; Nest keeps one instance of a module,
 * so publishers and handlers share one DomainEvents.
 */
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
