// The application menu: About, Quit and the Edit roles (so copy and paste work), and a
// View menu whose reload and developer tools exist only in development builds.
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Builds the menu template; `isMac` adds the macOS application menu. */
export function appMenuTemplate(options: { isDev: boolean; isMac: boolean }): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      role: 'appMenu',
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }],
    });
  } else {
    template.push({ label: '&File', submenu: [{ role: 'quit' }] });
  }
  template.push({ role: 'editMenu' });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (options.isDev) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  template.push({ label: '&View', submenu: view });
  template.push({ role: 'windowMenu' });
  if (!options.isMac) template.push({ role: 'help', submenu: [{ role: 'about' }] });
  return template;
}

/** Installs the application menu. Call after `ready`. */
export function setupAppMenu(options: { isDev: boolean; isMac: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
