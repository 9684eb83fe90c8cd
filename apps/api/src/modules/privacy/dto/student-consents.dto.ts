import { ApiProperty } from '@nestjs/swagger';
import {
  type BiometricAttendanceChange,
  CONSENT_DOCUMENT_REF_MAX,
  type MyStudentConsentChange,
  type PaperStudentConsentChange,
  STUDENT_CONSENT_PURPOSES,
  type StudentConsentPurpose,
} from '@shala/contracts';
import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** PUT /privacy/my-student-consents/:studentId. */
export class MyStudentConsentDto implements MyStudentConsentChange {
  @ApiProperty({ enum: STUDENT_CONSENT_PURPOSES })
  @IsIn(STUDENT_CONSENT_PURPOSES)
  purpose!: StudentConsentPurpose;

  @ApiProperty({ description: 'true gives consent, false withdraws it' })
  @IsBoolean()
  granted!: boolean;
}

/** PUT /privacy/students/:studentId/consents: a paper form signed by one of the student's guardians. */
export class PaperStudentConsentDto extends MyStudentConsentDto implements PaperStudentConsentChange {
  @ApiProperty({ format: 'uuid', description: 'the guardian who signed the form' })
  @IsUUID()
  guardianId!: string;

  @ApiProperty({ maxLength: CONSENT_DOCUMENT_REF_MAX, description: "the paper form's reference" })
  @IsString()
  @MaxLength(CONSENT_DOCUMENT_REF_MAX)
  @Matches(/\S/, { message: 'documentRef must not be blank' })
  documentRef!: string;
}

/** PUT /privacy/students/:studentId/biometric-attendance. */
export class BiometricAttendanceDto implements BiometricAttendanceChange {
  @ApiProperty({ description: 'true needs the guardian consent to biometric attendance' })
  @IsBoolean()
  enabled!: boolean;
}
