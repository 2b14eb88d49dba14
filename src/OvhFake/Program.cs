using FollowUp.OvhFake;

var app = OvhFakeApp.Build(args);
await app.RunAsync();
