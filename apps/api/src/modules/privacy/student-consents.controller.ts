import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@shala/contracts';
import { ApiView } from '../../platform/http/api-view';
import { RequirePermission } from '../../platform/security/route-policy.decorators';
import {
  BiometricAttendanceDto,
  MyStudentConsentDto,
  PaperStudentConsentDto,
} from './dto/student-consents.dto';
import { StudentConsentsService } from './student-consents.service';

/** Verifiable parental consent per student (issue 13 item 7, PRV-01): parents in the app, staff on paper. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class StudentConsentsController {
  constructor(private readonly consents: StudentConsentsService) {}

  @Get('my-student-consents')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('StudentConsentsView', {
    page: true,
    description: "{ items }: the parent's own children, each with its consents and their history",
  })
  async mine() {
    return { items: await this.consents.listMine(), nextCursor: null };
  }

  @Put('my-student-consents/:studentId')
  @RequirePermission(Permission.PrivacyConsentManage)
  @ApiView('StudentConsentsView', {
    description:
      "gives or withdraws consent for the parent's own child (source parent_app; any other child answers 404); audited",
  })
  changeMine(@Param('studentId', ParseUUIDPipe) studentId: string, @Body() body: MyStudentConsentDto) {
    return this.consents.changeMine(studentId, body);
  }

  @Get('students/:studentId/consents')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentConsentsView', {
    description: "a student's guardian consents, their history, and whether an account may be linked",
  })
  forStaff(@Param('studentId', ParseUUIDPipe) studentId: string) {
    return this.consents.forStaff(studentId);
  }

  @Put('students/:studentId/consents')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentConsentsView', {
    description:
      "records a guardian's paper consent form (grant or withdrawal) with its document reference; audited",
  })
  recordPaper(@Param('studentId', ParseUUIDPipe) studentId: string, @Body() body: PaperStudentConsentDto) {
    return this.consents.recordPaper(studentId, body);
  }

  @Put('students/:studentId/biometric-attendance')
  @RequirePermission(Permission.StudentsWrite)
  @ApiView('StudentConsentsView', {
    description: 'switches biometric attendance; on answers 409 CONSENT_REQUIRED without guardian consent',
  })
  setBiometric(@Param('studentId', ParseUUIDPipe) studentId: string, @Body() body: BiometricAttendanceDto) {
    return this.consents.setBiometric(studentId, body.enabled);
  }
}
