const classes = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!@#$%^&*-_=+?',
];

function pick(alphabet: string, random: (max: number) => number): string {
  return alphabet[random(alphabet.length)]!;
}

/** A uniform random integer below `max` from the browser's CSPRNG. */
function cryptoRandom(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % max;
  }
}

/**
 * An initial password an administrator can hand over: every character class, no look-alike
 * characters (0/O, 1/l/I), no run of repeated characters.
 */
export function generatePassword(
  length = 14,
  random: (max: number) => number = cryptoRandom,
): string {
  const all = classes.join('');
  const chars = classes.map((alphabet) => pick(alphabet, random));
  while (chars.length < length) {
    const next = pick(all, random);
    if (next !== chars[chars.length - 1]) chars.push(next);
  }
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
