// The feature folders of src/Web/Application, visible to every page, endpoint and service of the web.
global using FollowUp.Web.Application.Calls;
global using FollowUp.Web.Application.Live;
global using FollowUp.Web.Application.Persons;
global using FollowUp.Web.Application.Platform;
global using FollowUp.Web.Application.Questionnaire;
global using FollowUp.Web.Application.Reports;
global using FollowUp.Web.Application.Security;
global using FollowUp.Web.Application.Sms;
global using FollowUp.Web.Application.Wording;
// One resource reader for the texts used outside views, by resource.
global using PrivacyTexts = FollowUp.Web.Application.Wording.ResourceTexts<FollowUp.Web.PrivacyResource>;
global using SecurityTexts = FollowUp.Web.Application.Wording.ResourceTexts<FollowUp.Web.SecurityResource>;
global using Texts = FollowUp.Web.Application.Wording.ResourceTexts<FollowUp.Web.SharedResource>;
