distro = ENV.fetch("DISTRO", "debian")

box = case distro
      when "debian" then "debian/bookworm64"
      when "alma", "rocky" then "almalinux/9"
      else "generic/debian12"
      end

Vagrant.configure("2") do |config|
  config.vm.box = box
  config.vm.hostname = "dev" unless ENV["NO_HOSTNAME"]
  config.vm.box_version = ">= 12.0" if distro == "debian"

  case distro
  when "alma", "rocky"
    config.vm.provision "shell", inline: "dnf -y install git"
  else
    config.vm.provision "shell", inline: "apt-get install -y git"
  end
end
