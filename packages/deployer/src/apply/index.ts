export { prepareApply, prepareDestroy, executeApply, executeDestroy, AWS_WAIT, type ApplyResult, type DeployerOptions, type Prepared, type WaitSettings } from './apply.js';
export { executeSteps } from './execute.js';
export { Refs, type ApplyContext } from './context.js';
