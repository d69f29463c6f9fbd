import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AboutDialog } from './about-dialog.tsx';
import { SectionNav } from './section-nav.tsx';
import type { SectionId } from './sections.ts';
import { isMacPlatform, sectionForKey } from './shortcuts.ts';

const DRAWER_WIDTH = 232;

/**
 * The frame around every page: a skip link, the top bar with About, the left navigation,
 * and the main region. Ctrl/Cmd+1..6 go to the sections and put focus on the page.
 */
export function AppShell({
  current,
  onNavigate,
  banner,
  children,
}: {
  current: SectionId | null;
  onNavigate: (section: SectionId) => void;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const [aboutOpen, setAboutOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const [mac] = useState(() => isMacPlatform());

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const section = sectionForKey(event, mac);
      if (section === null) return;
      event.preventDefault();
      onNavigate(section);
      mainRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mac, onNavigate]);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // The hash belongs to the router: move focus without touching it.
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <AppBar
        position="fixed"
        elevation={0}
        color="default"
        sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }}
      >
        <Toolbar variant="dense">
          <Typography variant="h6" component="span" sx={{ flex: 1, fontWeight: 700, letterSpacing: 0.2 }}>
            Countersign
          </Typography>
          <Tooltip title="About Countersign">
            <IconButton aria-label="About Countersign" onClick={() => setAboutOpen(true)} edge="end">
              <InfoOutlinedIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: DRAWER_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
        }}
      >
        <Toolbar variant="dense" />
        <SectionNav current={current} mac={mac} />
      </Drawer>
      <Box
        component="main"
        id="main-content"
        ref={mainRef}
        tabIndex={-1}
        sx={{ flex: 1, minWidth: 0, p: 3, '&:focus, &:focus-visible': { outline: 'none' } }}
      >
        <Toolbar variant="dense" />
        {banner}
        <Box sx={{ maxWidth: 1200 }}>{children}</Box>
      </Box>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
    </Box>
  );
}
