import { zodResolver } from '@hookform/resolvers/zod';
import { loginSchema } from './login.schema';

/** The login form's validation: zod and its schema, a chunk of its own (login-form.tsx loads it). */
export const loginResolver = zodResolver(loginSchema);
