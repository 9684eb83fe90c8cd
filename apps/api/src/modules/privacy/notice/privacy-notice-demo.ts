import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../../../platform/time/clock';
import { PrivacyNoticeAcceptancesRepository, PrivacyNoticesRepository } from './privacy-notice.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEMO_NOTICE_EN = `# How this school uses your family's data

The school keeps the records it needs to teach and look after your child: name, class, date of birth, attendance, marks, fees and the contact details of parents.

# Why
- To run lessons, attendance and exams and send report cards
- To collect fees and issue receipts
- To message you about absences, fees and results (only on the channels you agreed to)

# Who else sees it
Only the service providers listed on this page (hosting, SMS, email, WhatsApp, the payment gateway), each for its own task.

# Your rights
You may ask for a copy of your family's data, ask us to correct it, or ask us to delete what we no longer need. Use "My data" in the app or contact the person below. We answer within 30 days.`;

export const DEMO_NOTICE_HI = `# यह विद्यालय आपके परिवार के डेटा का उपयोग कैसे करता है

विद्यालय वही रिकॉर्ड रखता है जो आपके बच्चे को पढ़ाने और उसकी देखभाल के लिए ज़रूरी हैं: नाम, कक्षा, जन्म तिथि, उपस्थिति, अंक, शुल्क और अभिभावकों का संपर्क।

# आपके अधिकार
आप अपने परिवार के डेटा की प्रति माँग सकते हैं, उसे सुधारने या अनावश्यक डेटा मिटाने के लिए कह सकते हैं। ऐप में "मेरा डेटा" का उपयोग करें या नीचे दिए व्यक्ति से संपर्क करें। हम 30 दिनों में उत्तर देते हैं।`;

/**
 * The demo's privacy notice (inside a school's tenant): version 1 published a month ago, already accepted
 * by the demo parent so the demo and the browser tests are not stopped by the acceptance screen.
 */
@Injectable()
export class PrivacyNoticeDemo {
  constructor(
    private readonly notices: PrivacyNoticesRepository,
    private readonly acceptances: PrivacyNoticeAcceptancesRepository,
    private readonly clock: Clock,
  ) {}

  async seed(input: { adminUserId: string; parentUserId: string | null; contact?: string }): Promise<void> {
    const publishedAt = new Date(this.clock.now().getTime() - 30 * DAY_MS);
    const id = uuidv7();
    await this.notices.create({
      id,
      version: 1,
      status: 'published',
      bodyEn: DEMO_NOTICE_EN,
      bodyHi: DEMO_NOTICE_HI,
      contact:
        input.contact ?? 'Grievance officer: the school office, privacy@school.example, +91 80 4000 0000',
      createdByUserId: input.adminUserId,
      publishedAt,
      publishedByUserId: input.adminUserId,
      updatedAt: publishedAt,
    });
    if (input.parentUserId)
      await this.acceptances.create({
        id: uuidv7(),
        noticeId: id,
        version: 1,
        userId: input.parentUserId,
        acceptedAt: new Date(publishedAt.getTime() + DAY_MS),
      });
  }
}
