import type { TextKey } from '../feature-text';
import { useAttendanceText, type AttendanceText } from '../i18n';

/** The part of a react-hook-form error we read. */
interface ErrorLike {
  type?: string;
  message?: string;
}

/**
 * A form error as text: our zod messages are keys of this feature's strings; the API's details
 * (type 'server', put there by applyServerFieldErrors) are already readable.
 */
export function useTextOfError(): (error: ErrorLike | undefined) => string | undefined {
  const t = useAttendanceText();
  return (error) => {
    if (!error?.message) return undefined;
    if (error.type === 'server') return error.message;
    return t(error.message as TextKey<AttendanceText>);
  };
}
