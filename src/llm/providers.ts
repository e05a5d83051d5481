/**
 * The langchain provider packages, loaded when first asked for, not with the
 * importing module: together with the OpenAI SDK they are hundreds of
 * modules, and most commands — and every bot without LLM_PROVIDER or
 * EMBEDDINGS_PROVIDER — never need them. Callers build models synchronously,
 * so the packages are required (their CommonJS builds), not imported; chat
 * models and embeddings both come from here, so one copy is loaded.
 */
import { createRequire } from 'node:module';

const requireLazily = createRequire(import.meta.url);

export const openAiProvider = (): typeof import('@langchain/openai') => requireLazily('@langchain/openai') as typeof import('@langchain/openai');
export const ollamaProvider = (): typeof import('@langchain/ollama') => requireLazily('@langchain/ollama') as typeof import('@langchain/ollama');
