/** verify as a library: `verify(target, options)` with a stack's values, or read them from a stack. */
export { verify, type VerifyReport } from "./verify";
export { readStackTarget, targetFromStack } from "./stackTarget";
export { reportJson, reportLines } from "./report";
export {
    DEFAULT_LOGIN_URL,
    type CheckId,
    type CheckResult,
    type SettingNaming,
    type VerifyOptions,
    type VerifyTarget,
} from "./target";
