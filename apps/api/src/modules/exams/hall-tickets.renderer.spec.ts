import { describe, expect, it } from 'vitest';
import { printedDate, renderHallTickets } from './hall-tickets.renderer';

describe('hall tickets renderer', () => {
  it('prints dates with their weekday', () => {
    expect(printedDate('2027-03-01')).toBe('Mon 01 Mar 2027');
  });

  it('renders a page per student', async () => {
    const pdf = await renderHallTickets({
      school: { name: 'Greenwood Public School', address: null, logo: null },
      assessmentName: 'Annual',
      yearName: '2026-27',
      students: [
        {
          fullName: 'अनन्या क्षत्रिय',
          admissionNo: 'GW-001',
          className: 'Class 5',
          sectionName: 'A',
          rollNo: 1,
        },
        { fullName: 'Rahul Verma', admissionNo: 'GW-002', className: 'Class 5', sectionName: 'A', rollNo: 2 },
      ],
      sittings: [
        { sitsOn: '2027-03-01', startsAt: '09:30', endsAt: '12:30', subject: 'English', room: 'Room 5A' },
        { sitsOn: '2027-03-03', startsAt: '09:30', endsAt: '12:30', subject: 'Mathematics', room: 'Room 5A' },
      ],
      issuedOn: '2026-10-05',
    });
    if (process.env.HALL_TICKET_OUT)
      (await import('node:fs')).writeFileSync(process.env.HALL_TICKET_OUT, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
  });
});
