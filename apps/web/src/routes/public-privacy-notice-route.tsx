// The public privacy page renders more of Mantine than the entry styles (app/styles/mantine-sign-in.ts).
import '../app/styles/mantine-rest';

export { PublicPrivacyNoticePage } from '../features/privacy/notice/components/public-privacy-notice-page';
