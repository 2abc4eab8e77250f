package dev.sendersbot.watch;

import dev.sendersbot.gateway.Answer;
import dev.sendersbot.gateway.Caller;
import dev.sendersbot.gateway.GatewayStatus;
import dev.sendersbot.gateway.SendersGateway;
import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import java.util.List;

/** A gateway passing every call on, for tests that change one call. */
class ForwardingGateway implements SendersGateway {
  private final SendersGateway delegate;

  ForwardingGateway(SendersGateway delegate) {
    this.delegate = delegate;
  }

  @Override
  public Answer<List<Sender>> list(ListQuery query) {
    return delegate.list(query);
  }

  @Override
  public Answer<List<Sender>> refresh(ListQuery query, Caller caller) {
    return delegate.refresh(query, caller);
  }

  @Override
  public long add(AddRequest request) {
    return delegate.add(request);
  }

  @Override
  public void change(ChangeRequest request) {
    delegate.change(request);
  }

  @Override
  public void sendCode(SendCodeRequest request) {
    delegate.sendCode(request);
  }

  @Override
  public void checkCode(CheckCodeRequest request) {
    delegate.checkCode(request);
  }

  @Override
  public void delete(DeleteRequest request) {
    delegate.delete(request);
  }

  @Override
  public GatewayStatus status() {
    return delegate.status();
  }

  @Override
  public void resume() {
    delegate.resume();
  }
}
