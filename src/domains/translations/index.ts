export { registerRenderContext } from "./translations.context";
export { registerTranslationRoutes } from "./translations.routes";
export { overrideLoads, overridesOf } from "./translations.service";
