import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../platform/events/domain-events';
import { FeesSetupService } from './fees-setup.service';

/**
 * Fee structures apply at enrolment: a student created with a section, moved into a class, imported or
 * promoted is invoiced for the class structure of that year in the same transaction (the students module
 * publishes `students.enrolled` inside it). The daily job stays as a safety net (structures created after
 * the enrolment).
 */
@Injectable()
export class FeesEnrolmentListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly setup: FeesSetupService,
  ) {}

  onModuleInit(): void {
    this.events.on('students.enrolled', async (enrolled) => {
      await this.setup.applyOnEnrolment(enrolled);
    });
  }
}
