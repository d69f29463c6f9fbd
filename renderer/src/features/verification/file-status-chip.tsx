import Chip from '@mui/material/Chip';
import type { FileStatus } from '../../../../shared/contract/schemas/verification.ts';

const LOOK: Record<FileStatus, { label: string; color: 'success' | 'error' | 'warning' }> = {
  verified: { label: 'Verified', color: 'success' },
  modified: { label: 'Modified', color: 'error' },
  missing: { label: 'Missing', color: 'error' },
  extra: { label: 'Extra', color: 'warning' },
  refused: { label: 'Refused', color: 'error' },
};

/** A file's verification status, by word and colour (never by colour alone). */
export function FileStatusChip({ status }: { status: FileStatus }) {
  const look = LOOK[status];
  return <Chip size="small" label={look.label} color={look.color} variant={status === 'verified' ? 'outlined' : 'filled'} />;
}

/** What each status means, for the summary under the table. */
export const FILE_STATUS_WORDS: Record<FileStatus, string> = {
  verified: 'matches what was signed',
  modified: 'differs from what was signed',
  missing: 'was signed but is not in the folder',
  extra: 'is in the folder but was not signed',
  refused: 'was not read because it is unsafe (for example a link pointing outside the folder)',
};
