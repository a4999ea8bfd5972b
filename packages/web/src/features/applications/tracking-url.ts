/** The public page where a resident follows an application by number and phone. */
export const trackingUrl = (origin: string, number: string): string =>
  `${origin}/track?number=${encodeURIComponent(number)}`;

/** The public page that checks a result document by its verification code. */
export const verificationUrl = (origin: string, code: string): string =>
  `${origin}/verify?code=${encodeURIComponent(code)}`;
