import { Injectable } from '@nestjs/common';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardianNotifier } from '../notifications/guardian-notifier.service';
import { AttendanceStatus } from './entities/attendance.entities';

const STATUS_WORDS: Record<AttendanceStatus, string> = {
  present: 'present',
  absent: 'absent',
  late: 'late',
  excused: 'excused',
  half_day: 'present for half the day',
};

/** A student newly marked absent on a day (daily attendance). */
export interface Absence {
  studentId: string;
  date: string;
  status: AttendanceStatus;
}

/**
 * Absence alerts (issue 5): when a register save marks a student absent, one outbox message per guardian
 * who opted in, in the same transaction; the cause key `absence:<student>:<date>` makes re-saves silent.
 * The guardians, their consents and the students' names are read in one statement (notifyFamilies).
 * RegisterService calls `send` inside its save transaction (both live in attendance, so a direct call:
 * how families are messaged stays in this file and GuardianNotifier).
 */
@Injectable()
export class AbsenceAlerts {
  constructor(
    private readonly notifier: GuardianNotifier,
    private readonly institution: CurrentInstitution,
  ) {}

  async send(events: Absence[]): Promise<void> {
    const school = (await this.institution.find())?.name ?? '';
    await this.notifier.notifyFamilies(
      events.map((e) => ({
        studentId: e.studentId,
        purpose: 'absence_alerts' as const,
        template: 'absence_alert',
        variables: (student: string) => ({ student, date: e.date, status: STATUS_WORDS[e.status], school }),
        idempotencyKey: `absence:${e.studentId}:${e.date}`,
      })),
    );
  }
}
