/** Kept for the modules that import it from here: the config file belongs to the workspace layer. */
export { CONFIG_NAMES, findConfig, loadConfig, type LoadedConfig } from "../workspace/config-file.js";
