// Electron's `Event`: an object with preventDefault() and defaultPrevented, onto which
// Electron merges event-specific details (url, frame, isMainFrame, ...).

/** A fake Electron event carrying `details`. */
export type FakeEvent<T extends object = object> = T & { preventDefault(): void; readonly defaultPrevented: boolean };

/** Makes a fake Electron event. */
export function makeEvent<T extends object>(details: T = {} as T): FakeEvent<T> {
  let prevented = false;
  const event = Object.assign(Object.create(null) as object, details);
  // defineProperties, not assign: assign would copy the getter's current value.
  return Object.defineProperties(event, {
    preventDefault: { value: () => void (prevented = true) },
    defaultPrevented: { get: () => prevented, enumerable: true },
  }) as FakeEvent<T>;
}
