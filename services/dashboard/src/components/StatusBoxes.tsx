import type { ReactNode } from 'react';
import type { GraphQLRequestError } from '../graphql';
import { Link } from './Link';

export function Loading({ label = 'Loading…', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

/** What failed, in the gateway's words and code, and a way to try again. */
export function ErrorBox({ error, retry, what }: { error: GraphQLRequestError; retry: () => void; what: string }) {
  return (
    <div className="box box-error" role="alert" data-testid="error">
      <p className="box-title">Could not load {what}</p>
      <p className="error-message">
        {error.message}
        {error.code ? (
          <>
            {' '}
            <code className="error-code">{error.code}</code>
          </>
        ) : null}
      </p>
      <button type="button" className="button" onClick={retry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyBox({ children, title = 'No production recorded for this range' }: { children?: ReactNode; title?: string }) {
  return (
    <div className="box box-empty" role="status" data-testid="empty">
      <p className="box-title">{title}</p>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

export function UnknownEquipment({ id, overviewUrl }: { id: string; overviewUrl: string }) {
  return (
    <div className="box box-error" role="alert" data-testid="unknown-equipment">
      <p className="box-title">Unknown equipment {id}</p>
      <p>
        Nothing in the equipment hierarchy has this id. <Link to={overviewUrl}>Back to the overview</Link>
      </p>
    </div>
  );
}
