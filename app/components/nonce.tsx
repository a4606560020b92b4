import { createContext, useContext } from "react";

// This response's CSP script nonce (set by the server per request; empty in the browser,
// which hides nonces from scripts).
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
