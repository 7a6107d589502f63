import { randomInt } from 'node:crypto';
import { passwordProblem } from './staff-rules';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand (no 0 O 1 l I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A one-time password for a new or reset staff account: four groups of four characters from a
 * 56-symbol alphabet (≈ 93 bits, crypto.randomInt), e.g. `k7Hm-2pQx-Wd4r-Nb8e`, meeting the password
 * policy (letters and digits, not containing the username). Shown once; the account must change it
 * at its first login.
 */
export function oneTimePassword(username = ''): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (passwordProblem(password, username || undefined) === null) return password;
  }
}
