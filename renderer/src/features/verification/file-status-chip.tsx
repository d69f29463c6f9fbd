import Chip from '@mui/material/Chip';
import type { FileStatus } from '../../../../shared/contract/schemas/verification.ts';
import { formatCount } from './progress-format.ts';

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
  return (
    <Chip size="small" label={look.label} color={look.color} variant={status === 'verified' ? 'outlined' : 'filled'} />
  );
}

/** "3 files match what was signed": a status count in words, for the summary above the table. */
export function describeFileCount(status: FileStatus, count: number): string {
  const one = count === 1;
  const files = `${formatCount(count)} ${one ? 'file' : 'files'}`;
  switch (status) {
    case 'verified':
      return `${files} ${one ? 'matches' : 'match'} what was signed`;
    case 'modified':
      return `${files} ${one ? 'differs' : 'differ'} from what was signed`;
    case 'missing':
      return `${files} ${one ? 'was' : 'were'} signed but ${one ? 'is' : 'are'} missing from the folder`;
    case 'extra':
      return `${files} ${one ? 'is' : 'are'} in the folder but ${one ? 'was' : 'were'} not signed`;
    case 'refused':
      return `${files} ${one ? 'was' : 'were'} not read because ${one ? 'it is' : 'they are'} unsafe (for example a link out of the folder)`;
  }
}
