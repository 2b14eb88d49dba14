// The feature folders of src/Web/Application (the tests mirror them).
global using FollowUp.Web.Application.Calls;
global using FollowUp.Web.Application.Live;
global using FollowUp.Web.Application.Persons;
global using FollowUp.Web.Application.Platform;
global using FollowUp.Web.Application.Questionnaire;
global using FollowUp.Web.Application.Reports;
global using FollowUp.Web.Application.Security;
global using FollowUp.Web.Application.Sms;
global using FollowUp.Web.Application.Wording;
