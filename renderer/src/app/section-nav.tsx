import AssignmentIcon from '@mui/icons-material/Assignment';
import InboxIcon from '@mui/icons-material/Inbox';
import InsightsIcon from '@mui/icons-material/Insights';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SettingsIcon from '@mui/icons-material/Settings';
import ViewInArIcon from '@mui/icons-material/ViewInAr';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import type { KeyboardEvent } from 'react';
import { formatHash } from './hash-router.ts';
import { SECTIONS, type SectionId } from './sections.ts';
import { ariaShortcut, shortcutLabel } from './shortcuts.ts';

const ICONS = {
  inbox: InboxIcon,
  models: ViewInArIcon,
  monitors: InsightsIcon,
  incidents: ReportProblemIcon,
  audit: AssignmentIcon,
  settings: SettingsIcon,
} satisfies Record<SectionId, unknown>;

/** Moves focus among the nav's links with the arrow keys, Home and End. */
function onNavKeyDown(event: KeyboardEvent<HTMLElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-nav-item]')];
  const index = items.indexOf(document.activeElement as HTMLElement);
  if (index === -1) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? items.length - 1
        : (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  items[next]?.focus();
}

/**
 * The left navigation: one link per section, each reachable by Tab, moved between with
 * the arrow keys, and named by its label (its shortcut is in a tooltip and in
 * `aria-keyshortcuts`).
 */
export function SectionNav({ current, mac }: { current: SectionId | null; mac: boolean }) {
  return (
    <nav aria-label="Sections">
      <List onKeyDown={onNavKeyDown}>
        {SECTIONS.map((section) => {
          const Icon = ICONS[section.id];
          const selected = section.id === current;
          return (
            <Tooltip
              key={section.id}
              title={`${section.label} (${shortcutLabel(section.id, mac)})`}
              placement="right"
              describeChild
            >
              <ListItemButton
                component="a"
                href={formatHash(section.id)}
                selected={selected}
                aria-current={selected ? 'page' : undefined}
                aria-keyshortcuts={ariaShortcut(section.id, mac)}
                data-nav-item=""
                sx={{ borderRadius: 1, mx: 1 }}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>
                  <Icon />
                </ListItemIcon>
                <ListItemText primary={section.label} />
              </ListItemButton>
            </Tooltip>
          );
        })}
      </List>
    </nav>
  );
}
