import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { MqttBrokerUnavailable } from '../errors';

/**
 * A client that is connected once this resolves, or a rejection naming the broker. The client is
 * created with manualConnect so the caller can install handlers (notably `handleMessage`) before the
 * first packet can arrive; the first attempt fails fast instead of retrying forever, while later
 * connection losses reconnect as `reconnectPeriod` says.
 */
export function connectClient(url: string, options: IClientOptions, setup: (client: MqttClient) => void): Promise<MqttClient> {
  const client = connect(url, { protocolVersion: 5, reconnectPeriod: 1000, connectTimeout: 5000, ...options, manualConnect: true });
  setup(client);
  return new Promise((resolve, reject) => {
    const onConnect = (): void => {
      client.off('close', onClose);
      client.off('error', onError);
      resolve(client);
    };
    const fail = (reason: string): void => {
      client.off('connect', onConnect);
      client.off('close', onClose);
      client.off('error', onError);
      client.end(true);
      reject(new MqttBrokerUnavailable(url, reason));
    };
    const onClose = (): void => fail('connection closed');
    const onError = (error: Error): void => fail(error.message);
    client.once('connect', onConnect);
    client.once('close', onClose);
    client.once('error', onError);
    client.connect();
  });
}
