export { parseJsspInstance, InvalidJsspInstance, type JsspInstance, type JsspOperation } from './jssp-instance';
export { jsspProblem, jsspResult, jsspOperationId, type JsspResult, type JsspScheduledOperation } from './jssp-problem';
