import { Injectable } from '@nestjs/common';
import type { CircularInput } from '@shala/contracts';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { GuardiansService } from '../students/guardians.service';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';
import { CircularAttachmentsService } from './circular-attachments.service';
import { CircularsService } from './circulars.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A one-page PDF with a line of text, written by hand (objects, cross-reference table, trailer). */
export function permissionSlipPdf(text = 'Museum visit: I give permission for my child to attend.'): Buffer {
  const stream = `BT /F1 14 Tf 56 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A demo school's circulars, written and published by its admin: one for the whole school, one for the
 * class of one of the demo parent's children, a permission slip for that child's section (acknowledgement
 * required), one only for a class none of their children is in, one for staff only, and one scheduled for
 * next week. So `GET /circulars` as parent@<school>.test lists three and never the other class's or staff's.
 */
@Injectable()
export class CircularsDemoSeeder {
  constructor(
    private readonly context: RequestContext,
    private readonly clock: Clock,
    private readonly institution: CurrentInstitution,
    private readonly users: UsersService,
    private readonly guardians: GuardiansService,
    private readonly students: StudentDirectory,
    private readonly academics: AcademicsService,
    private readonly circulars: CircularsService,
    private readonly attachments: CircularAttachmentsService,
  ) {}

  async seed(): Promise<void> {
    const slug = (await this.institution.find())?.slug;
    const admin = slug ? await this.users.findByEmail(`admin@${slug}.test`) : null;
    const parent = slug ? await this.users.findByEmail(`parent@${slug}.test`) : null;
    if (!admin || !parent) return;
    const family = await this.childSections(parent.id);
    const [classes, sections] = await Promise.all([
      this.academics.listClasses(),
      this.academics.listSections(),
    ]);
    const child = sections.find((s) => family.has(s.id));
    const familyClasses = new Set(sections.filter((s) => family.has(s.id)).map((s) => s.classId));
    const otherClass = classes.find((c) => !familyClasses.has(c.id));
    if (!child || !otherClass) return;
    const childClass = classes.find((c) => c.id === child.classId)!;

    await this.context.runAsTenant(
      this.context.tenantId,
      async () => {
        const publish = async (input: CircularInput) => {
          const { id } = await this.circulars.create(input);
          await this.circulars.publish(id);
        };
        await publish({
          title: 'School reopens after the winter break',
          body: 'Dear parents,\n\nThe school reopens on Monday at the usual time. Buses run on their regular routes.\n\nPrincipal',
          audience: 'school',
          requiresAck: false,
        });
        await publish({
          title: `${childClass.name}: science exhibition`,
          body: `Dear parents,\n\n${childClass.name} holds its science exhibition next Friday. Families are welcome from 11:00.`,
          audience: 'classes',
          classIds: [childClass.id],
          requiresAck: false,
        });
        const slip = await this.circulars.create({
          title: 'Permission slip: museum visit',
          body: 'Dear parents,\n\nThe section visits the city museum next Thursday, leaving at 09:00 and returning by 14:00. Please acknowledge to give your permission.',
          audience: 'sections',
          sectionIds: [child.id],
          requiresAck: true,
        });
        await this.attachments.set(slip.id, permissionSlipPdf(), 'Museum visit permission slip.pdf');
        await this.circulars.publish(slip.id);
        await publish({
          title: `${otherClass.name}: sports day practice`,
          body: `Dear parents,\n\n${otherClass.name} practises for sports day every morning this week; please send sports shoes.`,
          audience: 'classes',
          classIds: [otherClass.id],
          requiresAck: false,
        });
        await publish({
          title: 'Staff meeting on Saturday',
          body: 'All teaching and office staff meet in the library on Saturday at 12:30.',
          audience: 'staff',
          requiresAck: false,
        });
        const { id } = await this.circulars.create({
          title: 'Annual day rehearsal schedule',
          body: 'Dear parents,\n\nRehearsals for the annual day start next month; the schedule follows.',
          audience: 'school',
          requiresAck: false,
        });
        await this.circulars.schedule(id, new Date(this.clock.now().getTime() + 7 * DAY_MS).toISOString());
      },
      admin.id,
    );
  }

  /** The current sections of the children whose guardian the parent account is. */
  private async childSections(parentUserId: string): Promise<Set<string>> {
    const guardianId = await this.guardians.idOfAccount(parentUserId);
    const out = new Set<string>();
    if (!guardianId) return out;
    for (const section of await this.academics.listSections()) {
      const ids = await this.students.rosterIds(section.id);
      for (const [, guardianIds] of await this.students.guardianIdsOf(ids))
        if (guardianIds.includes(guardianId)) out.add(section.id);
    }
    return out;
  }
}
