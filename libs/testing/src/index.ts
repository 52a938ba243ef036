export * from './environment';
export * from './decider-specification';
export * from './machining-line';
