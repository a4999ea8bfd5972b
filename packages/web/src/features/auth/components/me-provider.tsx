import type { Me, Permission } from '@shequ/core';
import { createContext, useContext, type ReactNode } from 'react';

const MeContext = createContext<Me | undefined>(undefined);

/** Makes the signed-in user available below the main layout. */
export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; only inside the main layout. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}

/** Whether the signed-in user holds the permission (the server still checks every call). */
export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}
