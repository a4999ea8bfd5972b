import { elementTypes, type ElementType } from '@shequ/core';

/** An element type the client has a label for (`elementType.<type>`). */
export function knownElementType(type: string): ElementType | undefined {
  return elementTypes.find((known) => known === type);
}
